/**
 * Imported first by the CLI: `start` serves the production build, and React picks its development or production
 * build once, when first imported (by any module), so the mode must be set before anything else loads.
 */
if (process.argv[2] === "start") process.env.NODE_ENV = "production";
