/*
 * BPMN modeler for the process designer: bpmn-js Modeler, properties panel
 * for Camunda Platform 7 and bpmnlint (recommended rules).
 * Exposed as window.XinfangModeler.
 *
 *   const M = XinfangModeler;
 *   const modeler = new M.Modeler({
 *     container: '#canvas',
 *     propertiesPanel: { parent: '#properties' },
 *     additionalModules: [ ...M.propertiesPanelModules, M.camundaBehaviorsModule, M.lintModule ],
 *     moddleExtensions: { camunda: M.camundaModdle },
 *     linting: { bpmnlint: M.lintConfig, active: true }
 *   });
 *
 * or shorter: M.createModeler({ container: '#canvas', propertiesPanel: { parent: '#properties' } }).
 *
 *   const issues = await M.lint(xml);  // [{ id, message, category, rule }]
 */
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnModdle } from 'bpmn-moddle';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule
} from 'bpmn-js-properties-panel';
import camundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import lintModule from 'bpmn-js-bpmnlint';
import { Linter } from 'bpmnlint';

// Generated at build time from bpmnlint's "recommended" configuration:
// { config, resolver } with every enabled rule bundled.
import lintConfig from 'xinfang:bpmnlint-config';
import { VERSIONS } from 'xinfang:versions';

const propertiesPanelModules = [
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule
];

/**
 * Create a Modeler with the Camunda 7 properties panel, Camunda behaviors,
 * camunda moddle extension and linting already wired in. Any option given
 * is passed on; additionalModules and moddleExtensions are merged.
 *
 * Extra option: lint (boolean, default true) - whether lint overlays are
 * shown from the start.
 */
function createModeler(options = {}) {
  const {
    additionalModules = [],
    moddleExtensions = {},
    lint: lintActive = true,
    linting,
    ...rest
  } = options;

  return new Modeler({
    ...rest,
    additionalModules: [
      ...propertiesPanelModules,
      camundaBehaviorsModule,
      lintModule,
      ...additionalModules
    ],
    moddleExtensions: { camunda: camundaModdle, ...moddleExtensions },
    linting: linting || { bpmnlint: lintConfig, active: lintActive }
  });
}

let linter;

/**
 * Lint a BPMN 2.0 XML document with the bundled rules.
 *
 * @param {string} definitionsXml
 * @return {Promise<Array<{ id: string, message: string, category: string, rule: string }>>}
 *   one entry per issue; category is "error", "warn", "info" or "rule-error".
 *   Rejects if the XML cannot be parsed.
 */
async function lint(definitionsXml) {
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  const { rootElement } = await moddle.fromXML(definitionsXml, 'bpmn:Definitions');

  linter = linter || new Linter({
    config: lintConfig.config,
    resolver: lintConfig.resolver
  });

  const results = await linter.lint(rootElement);

  const issues = [];
  for (const [ rule, reports ] of Object.entries(results)) {
    for (const report of reports) {
      issues.push({
        id: report.id,
        message: report.message,
        category: report.category,
        rule
      });
    }
  }
  return issues;
}

window.XinfangModeler = {
  Modeler,
  propertiesPanelModules,
  camundaBehaviorsModule,
  camundaModdle,
  lintModule,
  lintConfig,
  createModeler,
  lint,
  versions: VERSIONS
};
