/** The one part of jstat (no published types) the comparison uses. */
declare module 'jstat' {
  export const jStat: {
    studentt: {
      /** Quantile of Student's t distribution with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
  };
}
