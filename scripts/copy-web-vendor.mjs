// Copies the browser libraries the page loads from npm packages into web/vendor/ (not kept in git).
// Runs after `npm install` / `npm ci`; the page loads MSAL from there only when sign-in is Entra.
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'web', 'vendor');
const files = [
  ['node_modules/@azure/msal-browser/lib/msal-browser.min.js', 'msal-browser.min.js'],
  ['node_modules/@azure/msal-browser/LICENSE', 'msal-browser.LICENSE.txt'],
];

mkdirSync(target, { recursive: true });
for (const [from, to] of files) {
  const source = join(root, from);
  if (!existsSync(source)) {
    console.error(`copy-web-vendor: ${from} is missing; run npm install first.`);
    process.exit(1);
  }
  copyFileSync(source, join(target, to));
  console.log(`copy-web-vendor: web/vendor/${to}`);
}
