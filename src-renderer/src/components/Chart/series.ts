/** One chart series: points in data units and a CSS color. */
export interface Series {
  label: string;
  points: { x: number; y: number }[];
  color: string;
  /** Drawn thin and without points, behind the other series. */
  faint?: boolean;
  /** Points only, without a connecting line. */
  scatter?: boolean;
}
