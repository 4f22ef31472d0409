// services.json imported with "?runtime": its packed form (see runtime.ts), made at build time.
declare module '*.json?runtime' {
  const rows: import('./runtime').PackedTracker[];
  export default rows;
}
