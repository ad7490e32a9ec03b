package dev.corelanes.app.impl;

import dev.corelanes.view.TimelineFrame;
import dev.corelanes.view.TimelineModel;

/**
 * What the tooltip says over a point of the drawn frame (layout pixels), or null for no tooltip. Given by the
 * control: the words (span details, the glossary) belong to the app, the skin only places them.
 */
@FunctionalInterface
public interface HoverText {

    String at(TimelineFrame frame, TimelineModel model, double x, double y);
}
