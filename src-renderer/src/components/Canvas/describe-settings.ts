import type { NodeParams, NodeType } from '../../../../engine/graph/types';

/**
 * Summarises a node's settings for its canvas card, in PyTorch's argument names:
 * `out_features=16`, `p=0.5`. Returns '' for nodes without settings.
 */
export function describeSettings(kind: NodeType, params: NodeParams, featureCount: number): string {
  switch (kind) {
    case 'Input':
      return featureCount > 0 ? `${featureCount} features` : 'no data set';
    case 'Linear': {
      const parts = [`out_features=${params.outFeatures ?? '?'}`];
      if (params.bias === false) parts.push('bias=False');
      if (params.frozen === true) parts.push('frozen');
      return parts.join(', ');
    }
    case 'LeakyReLU':
      return `negative_slope=${params.negativeSlope ?? 0.01}`;
    case 'Dropout':
      return `p=${params.p ?? 0.5}`;
    case 'Softmax':
      return `dim=${params.dim ?? -1}`;
    default:
      return '';
  }
}
