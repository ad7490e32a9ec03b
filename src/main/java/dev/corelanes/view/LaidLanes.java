package dev.corelanes.view;

import java.util.List;

/** The lanes one layout pass placed, top to bottom, and the bottom of the last (where the grid lines end). */
record LaidLanes(List<TimelineFrame.Lane> lanes, double bottom) {
}
