import WaveSurfer from "wavesurfer.js";
import RegionsPlugin from "wavesurfer.js/dist/plugins/regions.esm.js";
import TimelinePlugin from "wavesurfer.js/dist/plugins/timeline.esm.js";
import MinimapPlugin from "wavesurfer.js/dist/plugins/minimap.esm.js";

/** wavesurfer.js and the plugins the waveform uses, as one module the page loads after it is interactive. */
export { WaveSurfer, RegionsPlugin, TimelinePlugin, MinimapPlugin };
