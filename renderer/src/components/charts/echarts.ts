/**
 * The one place echarts is loaded: only the chart types and components Quarry uses, drawn on canvas (so a
 * chart exports as PNG). Chart.tsx imports this module on first use, so echarts is a chunk of its own that
 * screens without charts never load. Nothing here loads remote resources.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

export { echarts };
export type { EChartsType } from 'echarts/core';
