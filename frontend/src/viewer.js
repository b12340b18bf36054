/*
 * Read-only BPMN diagram viewer for the admin console (instance diagrams
 * with state markers). Exposed as window.XinfangViewer.
 *
 *   const viewer = new XinfangViewer.NavigatedViewer({
 *     container: '#canvas',
 *     moddleExtensions: { camunda: XinfangViewer.camundaModdle }
 *   });
 *   await viewer.importXML(xml);
 *   viewer.get('canvas').addMarker('Task_1', 'xf-active');
 */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import Viewer from 'bpmn-js/lib/Viewer';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';

import { VERSIONS } from 'xinfang:versions';

window.XinfangViewer = {
  NavigatedViewer,
  Viewer,
  camundaModdle,
  versions: VERSIONS
};
