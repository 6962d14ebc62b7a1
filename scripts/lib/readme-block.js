// Prints the fenced code block that follows `<!-- adoption:<name> -->` in a Markdown file, so that the
// adoption test runs the README's install steps exactly as written.
// Usage: node scripts/lib/readme-block.js README.md <name>
const fs = require('node:fs');

const [file, name] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const marker = `<!-- adoption:${name} -->`;
const at = text.indexOf(marker);
if (at < 0) {
  console.error(`${file}: no ${marker}`);
  process.exit(1);
}
const rest = text.slice(at + marker.length);
const block = /^([ \t]*)```[^\n]*\n([\s\S]*?)\n[ \t]*```/m.exec(rest);
if (!block) {
  console.error(`${file}: no code block after ${marker}`);
  process.exit(1);
}
// A block inside a list item is indented as its fence is; the code's own indentation stays.
const indent = block[1].length;
process.stdout.write(
  `${block[2]
    .split('\n')
    .map(line =>
      line.slice(Math.min(indent, line.length - line.trimStart().length)),
    )
    .join('\n')}\n`,
);
