/**
 * The nested types of the data functions' arguments (`types.input`) and results (`types.output`),
 * named as in Spacelift's official SDK.
 *
 * @packageDocumentation
 */

import type * as input from "./input";
import type * as output from "./output";

export type { input, output };
