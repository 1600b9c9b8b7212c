// Segmenta studio: the dashboard's front end, one module per view (dataView, setupView, chooseKView,
// segmentsView, compareView, rfmView, clvView) over small shared helpers (dom, apiClient, charts, tabs, staleness).
// Everything that comes from data (column names, categories, segment names, messages) is put on the page as
// text nodes through `el`, never as HTML: no innerHTML with data anywhere in the studio.
import { wireChooseKView } from './chooseKView.js';
import { wireCompareView } from './compareView.js';
import { wireDataView } from './dataView.js';
import { wireRfmView } from './rfmView.js';
import { wireClvView } from './clvView.js';
import { wireSegmentsView } from './segmentsView.js';
import { wireSetupView } from './setupView.js';
import { wireTabs } from './tabs.js';

wireTabs();
wireDataView();
wireSetupView();
wireChooseKView();
wireSegmentsView();
wireCompareView();
wireRfmView();
wireClvView();
document.body.dataset['ready'] = 'true';
