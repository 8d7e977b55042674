/**
 * @module check/tool-version
 * The version Basis reports as the tool in SARIF and JUnit output: the package's own.
 */
import { PACKAGE_VERSION } from "../content/paths.ts";

export function toolVersion(): string {
  return PACKAGE_VERSION;
}
