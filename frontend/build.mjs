// Builds everything under web/static/vendor/ from the pinned packages in
// node_modules:  cd frontend && npm ci && npm run build
//
// The output directory is deleted and written anew, so a rebuild from the
// same package-lock.json gives the same files.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const FRONTEND = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(FRONTEND, '..', 'web', 'static', 'vendor');
const NODE_MODULES = path.join(FRONTEND, 'node_modules');

const require = createRequire(path.join(FRONTEND, 'package.json'));

const ownPackage = JSON.parse(fs.readFileSync(path.join(FRONTEND, 'package.json'), 'utf8'));

// Libraries named in package.json (what the pages rely on directly).
const DIRECT = Object.keys(ownPackage.dependencies).sort();

// Browsers the bundles are compiled for.
const TARGET = [ 'es2020' ];


function pkgDir(name) {
  return path.join(NODE_MODULES, ...name.split('/'));
}

function pkgJson(name) {
  return JSON.parse(fs.readFileSync(path.join(pkgDir(name), 'package.json'), 'utf8'));
}

function licenseOf(pkg) {
  if (typeof pkg.license === 'string') {
    return pkg.license === 'SEE LICENSE IN LICENSE' ? 'bpmn.io License (MIT with watermark clause)' : pkg.license;
  }
  if (pkg.license && pkg.license.type) {
    return pkg.license.type;
  }
  return 'UNKNOWN';
}

function licenseText(name) {
  const dir = pkgDir(name);
  const file = fs.readdirSync(dir).sort().find(f => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : null;
}

/**
 * diagram-js 15.27 dropped its --color-<hue>-<sat>-<light> custom properties
 * in favour of the --bio-* theme tokens, but bpmn-js-bpmnlint's style sheet
 * still uses them, which leaves the lint overlays and the lint button without
 * colours. The variable names spell out their HSL value, so each use gets that
 * value as a fallback: var(--color-red-360-100-40) becomes
 * var(--color-red-360-100-40, hsl(360, 100%, 40%)). Files without such uses
 * are copied unchanged.
 */
function withColorFallbacks(text) {
  let count = 0;
  const out = text.replace(/var\(--color-[a-z]+-(\d+)-(\d+)-(\d+)\)/g, (match, h, s, l) => {
    count++;
    return `${match.slice(0, -1)}, hsl(${h}, ${s}%, ${l}%))`;
  });
  if (!count) {
    return text;
  }
  return '/* Copied by frontend/build.mjs with hsl() fallbacks added to ' + count +
    ' var(--color-*) uses that current diagram-js no longer defines. */\n' + out;
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}


/**
 * bpmnlint's "recommended" configuration compiled into a module that
 * exports { config, resolver } and imports every enabled rule, so the
 * linter runs in the browser without a module loader. This is what
 * bpmnlint-pack-config and the rollup/webpack loaders do, using
 * bpmnlint's own compiler.
 */
async function compileLintConfig() {
  const compileConfig = require('bpmnlint/lib/support/compile-config');
  const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

  return compileConfig(
    { extends: 'bpmnlint:recommended' },
    new NodeResolver({ require })
  );
}


function virtualModules(modules) {
  return {
    name: 'xinfang-virtual',
    setup(build) {
      build.onResolve({ filter: /^xinfang:/ }, args => {
        if (!(args.path in modules)) {
          return { errors: [ { text: `unknown virtual module ${args.path}` } ] };
        }
        return { path: args.path, namespace: 'xinfang' };
      });

      build.onLoad({ filter: /.*/, namespace: 'xinfang' }, args => ({
        contents: modules[args.path],
        loader: 'js',
        resolveDir: FRONTEND
      }));
    }
  };
}


/**
 * Names of the npm packages whose files went into a bundle.
 */
function bundledPackages(metafile) {
  const names = new Set();

  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) {
      names.add(match[1]);
    }
  }

  return [ ...names ].sort();
}


async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });

  const versions = Object.fromEntries(DIRECT.map(name => [ name, pkgJson(name).version ]));

  const modules = {
    'xinfang:bpmnlint-config': await compileLintConfig(),
    'xinfang:versions': `export const VERSIONS = ${JSON.stringify(versions)};`
  };

  const bundles = [
    { entry: 'src/viewer.js', out: 'xinfang-viewer.js', global: 'XinfangViewer' },
    { entry: 'src/modeler.js', out: 'xinfang-modeler.js', global: 'XinfangModeler' }
  ];

  const inBundle = {};

  for (const bundle of bundles) {
    const result = await esbuild.build({
      absWorkingDir: FRONTEND,
      entryPoints: [ bundle.entry ],
      outfile: path.join(OUT, bundle.out),
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: TARGET,
      charset: 'utf8',
      legalComments: 'eof',
      metafile: true,
      logLevel: 'warning',
      define: {
        'process.env.NODE_ENV': '"production"'
      },
      banner: {
        js: `/*! ${bundle.out}: window.${bundle.global}. Built from frontend/${bundle.entry}; see VERSIONS.txt and LICENSES.txt. */`
      },
      plugins: [ virtualModules(modules) ]
    });

    for (const name of bundledPackages(result.metafile)) {
      (inBundle[name] = inBundle[name] || []).push(bundle.out);
    }
  }

  // Style sheets and the BPMN icon font. bpmn.css refers to ../font/, which
  // is kept by placing the fonts in vendor/font/.
  const bpmnJsAssets = path.join(pkgDir('bpmn-js'), 'dist', 'assets');
  const css = [
    // [ output name, package, file inside the package ]
    [ 'diagram-js.css', 'diagram-js', 'assets/diagram-js.css' ],
    [ 'bpmn-js.css', 'bpmn-js', 'dist/assets/bpmn-js.css' ],
    [ 'bpmn-font.css', 'bpmn-js', 'dist/assets/bpmn-font/css/bpmn.css' ],
    [ 'properties-panel.css', '@bpmn-io/properties-panel', 'dist/assets/properties-panel.css' ],
    [ 'bpmn-js-bpmnlint.css', 'bpmn-js-bpmnlint', 'dist/assets/css/bpmn-js-bpmnlint.css' ]
  ];
  for (const [ name, pkg, file ] of css) {
    const to = path.join(OUT, 'css', name);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, withColorFallbacks(fs.readFileSync(path.join(pkgDir(pkg), file), 'utf8')));
    (inBundle[pkg] = inBundle[pkg] || []).push('css/' + name);
  }

  const fontDir = path.join(bpmnJsAssets, 'bpmn-font', 'font');
  for (const name of fs.readdirSync(fontDir).sort()) {
    copy(path.join(fontDir, name), path.join(OUT, 'font', name));
  }
  inBundle['bpmn-js'].push('font/*');

  // Chart.js ships a ready minified UMD build (window.Chart).
  copy(path.join(pkgDir('chart.js'), 'dist', 'chart.umd.js'), path.join(OUT, 'chart.umd.js'));
  (inBundle['chart.js'] = inBundle['chart.js'] || []).push('chart.umd.js');

  writeVersions(inBundle);
  writeLicenses(inBundle);

  copy(path.join(FRONTEND, 'vendor-README.md'), path.join(OUT, 'README.md'));

  for (const file of listFiles(OUT)) {
    const size = fs.statSync(path.join(OUT, file)).size;
    console.log(`${String(size).padStart(9)}  ${file}`);
  }
}


function writeVersions(inBundle) {
  const lines = [
    '# Third-party code in web/static/vendor/, generated by frontend/build.mjs.',
    '# package@version  license  ->  files it is part of',
    '',
    '## Libraries the pages use (pinned in frontend/package.json)',
    ''
  ];

  const row = name => {
    const pkg = pkgJson(name);
    return `${name}@${pkg.version}  ${licenseOf(pkg)}  ->  ${[ ...new Set(inBundle[name] || []) ].join(', ') || '(not bundled)'}`;
  };

  for (const name of DIRECT) {
    lines.push(row(name));
  }

  lines.push('', '## Their dependencies bundled with them (resolved by frontend/package-lock.json)', '');

  for (const name of Object.keys(inBundle).sort()) {
    if (!DIRECT.includes(name)) {
      lines.push(row(name));
    }
  }

  lines.push('', `## Build tool`, '', `esbuild@${pkgJson('esbuild').version}  ${licenseOf(pkgJson('esbuild'))}`, '');

  fs.writeFileSync(path.join(OUT, 'VERSIONS.txt'), lines.join('\n'));
}


function writeLicenses(inBundle) {
  const parts = [
    'License texts of the third-party packages in web/static/vendor/',
    '(see VERSIONS.txt for which file contains which package).',
    ''
  ];

  for (const name of Object.keys(inBundle).sort()) {
    const pkg = pkgJson(name);
    const text = licenseText(name);
    parts.push('='.repeat(78), `${name}@${pkg.version} (${licenseOf(pkg)})`, '='.repeat(78), '');
    parts.push(text || `No license file in the package; package.json declares: ${licenseOf(pkg)}.`, '');
  }

  fs.writeFileSync(path.join(OUT, 'LICENSES.txt'), parts.join('\n'));
}


function listFiles(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(entry => entry.isDirectory()
      ? listFiles(path.join(dir, entry.name), prefix + entry.name + '/')
      : [ prefix + entry.name ]);
}


main().catch(err => {
  console.error(err);
  process.exit(1);
});
