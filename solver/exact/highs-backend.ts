import * as highsModule from 'highs';
import { interopDefault } from './module-interop.ts';
import type {
  LinearExpression,
  MipBackend,
  MipConstraint,
  MipModel,
  MipOutcome,
  MipSession,
} from './model.ts';

/**
 * HiGHS (WebAssembly) behind the neutral model. Loading the WASM module is asynchronous, solving
 * is not: the module is instantiated once here, by a top-level await, so that `solveExact` can stay
 * synchronous like `solve`. One persistent HiGHS model serves all stages of a lexicographic solve:
 * each stage adds a row and changes the costs, and the previous stage's solution is handed in as
 * the starting incumbent.
 */
const highs = await interopDefault<typeof highsModule.default.default>(highsModule.default)();
const MODEL_STATUS = highs.constants.modelStatus;
/** HiGHS's own default for mip_max_nodes (the largest 32-bit integer): no node cap. */
const HIGHS_UNLIMITED_NODES = 2_147_483_647;

/**
 * HiGHS options applied to every model (exported so that a benchmark can try alternatives). A
 * proof must be a proof: no relative gap, tight feasibility tolerances, and no restarts. With the
 * defaults HiGHS 1.15 reported "optimal" on a stage whose true optimum was lower (random small
 * problem seed 8, term 2: 2940 against a feasible 2320); tighter tolerances or no restart each
 * removed the error, and the cross-check against javascript-lp-solver in the tests guards it.
 */
export const HIGHS_OPTIONS: Record<string, number | string | boolean> = {
  output_flag: false,
  mip_rel_gap: 0,
  random_seed: 1,
  mip_allow_restart: false,
  mip_feasibility_tolerance: 1e-9,
  primal_feasibility_tolerance: 1e-9,
  // The sub-MIP heuristics cost most of the root time on these small models (measured: about a
  // fifth less CPU over 20 random problems without them); the greedy plan already gives a fallback.
  mip_heuristic_run_rins: false,
  mip_heuristic_run_rens: false,
};

export const highsBackend: MipBackend = {
  name: 'highs',
  proves: true,
  open(model: MipModel): MipSession {
    const instance = highs.createModel();
    const numCols = model.variables.length;
    instance.options.set(HIGHS_OPTIONS);
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const constraint of model.constraints) {
      for (const { variable, coefficient } of constraint.terms) {
        indices.push(variable);
        values.push(coefficient);
      }
      starts.push(indices.length);
    }
    const bound = (value: number) =>
      value === Number.POSITIVE_INFINITY
        ? highs.infinity
        : value === Number.NEGATIVE_INFINITY
          ? -highs.infinity
          : value;
    instance.passModel({
      numCols,
      numRows: model.constraints.length,
      colCost: new Float64Array(numCols),
      colLower: model.variables.map((variable) => bound(variable.lower)),
      colUpper: model.variables.map((variable) => bound(variable.upper)),
      rowLower: model.constraints.map((constraint) => bound(constraint.lower)),
      rowUpper: model.constraints.map((constraint) => bound(constraint.upper)),
      matrix: { format: 'csr', numRows: model.constraints.length, numCols, starts, indices, values },
      integrality: Int32Array.from(model.variables, (variable) => (variable.integer ? 1 : 0)),
    });

    return {
      minimise(objective: LinearExpression, options): MipOutcome {
        const costs = new Float64Array(numCols);
        for (const { variable, coefficient } of objective) costs[variable] = costs[variable]! + coefficient;
        if (numCols > 0) instance.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, costs);
        instance.options.set({
          time_limit: Math.max(0.001, options.timeLimitMs / 1000),
          mip_abs_gap: options.absoluteGap,
          mip_rel_gap: options.relativeGap ?? 0,
          mip_max_nodes: options.nodeLimit ?? HIGHS_UNLIMITED_NODES,
        });
        if (options.start) instance.setSolution({ colValue: options.start });
        instance.zeroAllClocks();
        const { modelStatus } = instance.run();
        const hasSolution = Number(instance.info.get('primal_solution_status')) === 2;
        const values = hasSolution ? Float64Array.from(instance.getSolution().colValue) : null;
        const dualBound = Number(instance.info.get('mip_dual_bound'));
        const objectiveValue = hasSolution ? instance.getObjectiveValue() : null;
        if (modelStatus === MODEL_STATUS.optimal)
          return { status: 'optimal', values, objective: objectiveValue, bound: objectiveValue };
        if (modelStatus === MODEL_STATUS.infeasible)
          return { status: 'infeasible', values: null, objective: null, bound: null };
        return {
          status: hasSolution ? 'feasible' : 'unknown',
          values,
          objective: objectiveValue,
          bound: Number.isFinite(dualBound) ? dualBound : null,
        };
      },
      addConstraint(constraint: MipConstraint): void {
        instance.addRow(bound(constraint.lower), bound(constraint.upper), {
          indices: constraint.terms.map((t) => t.variable),
          values: constraint.terms.map((t) => t.coefficient),
        });
      },
      dispose(): void {
        instance.dispose();
      },
    };
  },
};
