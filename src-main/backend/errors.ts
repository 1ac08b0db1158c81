/**
 * An error whose message is written for the user, such as a model file that is not
 * valid or a run that no longer exists. The backend passes its message on unchanged.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** Problems an invalid-file message lists before "and N more". */
const LISTED_ISSUES = 10;

/**
 * Builds the message for a file that failed validation, naming the file:
 * "iris.model.json is not a valid model file:" and one line per problem.
 *
 * @param kind the kind of file, such as 'model' or 'project'
 */
export function invalidFileMessage(fileName: string, kind: string, issues: readonly { message: string }[]): string {
  const listed = issues.slice(0, LISTED_ISSUES).map((issue) => `  ${issue.message}`);
  const hidden = issues.length - LISTED_ISSUES;
  const more = hidden > 0 ? [`  …and ${hidden} more ${hidden === 1 ? 'problem' : 'problems'}`] : [];
  return [`${fileName} is not a valid ${kind} file:`, ...listed, ...more].join('\n');
}
