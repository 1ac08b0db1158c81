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
