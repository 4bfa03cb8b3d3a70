/**
 * @cpay/simulator — the cpay back end as a pure state machine (`handle`), its scenarios, its
 * control operations and the `Simulator` holder used by the node and msw adapters.
 */
export { handle, handleInPlace } from './core.js';
export { createSimState, DEMO_DEVICE, DEMO_SHOP, DEFAULT_OPTIONS, type CreateSimStateOptions } from './demo.js';
export { SCENARIOS, scenarioOfCode, type Scenario, type ScenarioName, type FirstReply } from './scenarios.js';
export { CODE_FORMATS, platformOfCode, type Platform } from './platforms.js';
export { BIND_ERRORS } from './endpoints/binding.js';
export { FAULT_KINDS, type Fault, type FaultKind } from './faults.js';
export * as control from './control.js';
export { ControlError, type CustomerAction } from './control.js';
export { Simulator, createSimulator, type SimulatorOptions } from './simulator.js';
export { orderView, refundView, bindingView } from './views.js';
export { serverJson } from './json.js';
export type * from './state.js';
export type { SimRequest, SimResponse, HandleResult } from './types.js';
