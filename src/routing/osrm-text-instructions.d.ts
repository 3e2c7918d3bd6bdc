/** The part of osrm-text-instructions (CommonJS, untyped) that this service uses. */
declare module 'osrm-text-instructions' {
  interface CompileOptions {
    legCount?: number;
    legIndex?: number;
    waypointName?: string;
    formatToken?: (token: string, value: string) => string;
  }
  interface TextInstructions {
    compile(language: string, step: object, options?: CompileOptions): string;
  }
  function osrmTextInstructions(version: 'v5'): TextInstructions;
  export default osrmTextInstructions;
}
