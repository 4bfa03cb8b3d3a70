/**
 * What this build is: stamped by vite at build time (vite.config.ts `define`), shown on the
 * settings screen and served as `version.json` beside the app (the relay reports it in
 * `/relay/status`). Tests run unbuilt sources, so every field has a fallback.
 */
export interface BuildInfo {
  /** The app's version (package.json). */
  readonly version: string;
  /** Short git commit of the build ('unknown' outside a git checkout). */
  readonly commit: string;
  /** ISO time of the build. */
  readonly builtAt: string;
  /**
   * The firmware version code cpay allocated to this app build (app_cpay_version: "allocated by
   * cpay, initial 1.0.0, compiled into the firmware", 003 L10800): stamped from package.json
   * `cpay.appCpayVersion` (or CPAY_APP_CPAY_VERSION) at build time and sent in binding and
   * device_report, never typed on a tablet.
   */
  readonly appCpayVersion: string;
}

declare const __CPAY_BUILD__: BuildInfo | undefined;

/** This build. */
export const BUILD: BuildInfo =
  typeof __CPAY_BUILD__ !== 'undefined' && __CPAY_BUILD__ ? __CPAY_BUILD__ : { version: '0.0.0-dev', commit: 'unknown', builtAt: '', appCpayVersion: '1.0.0' };

/** "0.1.0 (3f18a2e)" */
export const buildLabel = (b: BuildInfo = BUILD): string => `${b.version} (${b.commit})`;
