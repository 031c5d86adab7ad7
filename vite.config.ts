import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  server: { port: 3000 },
  // The dev server's dependency scan follows route modules into their `.server` imports; argon2's browser build
  // needs a WebAssembly package we do not install, and it never runs in the browser anyway.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
});
