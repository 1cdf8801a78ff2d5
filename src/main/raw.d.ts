// Vite's `?raw` imports (the update public key is embedded in the main bundle, inside app.asar).
declare module '*?raw' {
  const text: string;
  export default text;
}
