// services.json imported with "?runtime": its runtime form (see runtime.ts), made at build time.
declare module '*.json?runtime' {
  const trackers: import('./runtime').Tracker[];
  export default trackers;
}
