import { z } from "zod";

// Zod compiles fast object parsers with `new Function` unless told not to;
// under our Content-Security-Policy (no 'unsafe-eval') the browser blocks
// that and reports a violation on every form. Schemas import z from here so
// this runs before any schema is built.
z.config({ jitless: true });

export { z };
