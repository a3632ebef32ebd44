// The build starts from an empty dist/: a module removed or renamed in the sources would otherwise
// stay compiled there, and the package would ship it.
const fs = require("node:fs");
const path = require("node:path");

fs.rmSync(path.join(__dirname, "..", "dist"), { recursive: true, force: true });
