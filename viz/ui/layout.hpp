// The default window layout, computed from the display size so that the
// first frame (and every screenshot) is laid out without an imgui.ini:
//
//   +-------------------------- Timeline & controls ---------------------------+
//   | Brokers        | Topology                          | Explain             |
//   |  (one card     |                                   +---------------------+
//   |   per broker)  |                                   | Producers & consumers|
//   |                +-----------------------------------+---------------------+
//   |                | Over time                         | Event log           |
//   +----------------+-----------------------------------+---------------------+
//
// In interactive mode the middle column's lower part is the Interactive
// window (a little taller than Over time, which becomes one of its tabs).
#pragma once

#include <imgui.h>

namespace kafkasim::viz {

struct PanelRect {
    ImVec2 position;
    ImVec2 size;
};

struct Layout {
    PanelRect timeline;
    PanelRect brokers;
    PanelRect topology;
    PanelRect over_time;     // not interactive
    PanelRect interactive;   // interactive mode (in place of over_time)
    PanelRect explain;
    PanelRect actors;
    PanelRect event_log;
};

// `timeline_height`: what the controls need at the current font size.
// `explain_height_wanted`: what the Explain panel's text needs (measured on
// the previous frame); Explain grows to it, up to about half the column,
// taking the room from Producers & consumers (which scrolls), so a long
// explanation and every monitor finding stay in view.
Layout compute_layout(ImVec2 display, float timeline_height, bool interactive = false, float explain_height_wanted = 0);

}  // namespace kafkasim::viz
