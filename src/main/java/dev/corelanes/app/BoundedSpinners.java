package dev.corelanes.app;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.value.ObservableIntegerValue;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextFormatter;
import javafx.util.StringConverter;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Spinners whose input cannot leave its range: keys other than digits are refused, typed values are
 * clamped when committed, arrows stop at the bounds. A change of the maximum does not silently rewrite
 * the value (the form then says why the value no longer fits, and the next arrow press brings it back).
 */
final class BoundedSpinners {

    private BoundedSpinners() {
    }

    static Spinner<Integer> integer(IntegerProperty value, int min, ObservableIntegerValue max) {
        SpinnerValueFactory<Integer> f = new SpinnerValueFactory<>() {
            @Override
            public void decrement(int steps) {
                setValue(clamp(getValue() - steps));
            }

            @Override
            public void increment(int steps) {
                setValue(clamp(getValue() + steps));
            }

            private int clamp(long v) {
                return (int) Math.max(min, Math.min(max.get(), v));
            }
        };
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String s) {
                String t = s == null ? "" : s.trim();
                if (t.isEmpty()) {
                    return f.getValue();
                }
                long v = t.length() > 9 ? Long.MAX_VALUE : Long.parseLong(t);
                return (int) Math.max(min, Math.min(max.get(), v));
            }
        });
        f.setValue(value.get());
        f.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                value.set(b);
            }
        });
        value.addListener((o, a, b) -> f.setValue(b.intValue()));
        Spinner<Integer> spinner = new Spinner<>(f);
        spinner.setEditable(true);
        spinner.getEditor().setTextFormatter(new TextFormatter<>(digitsOnly(false)));
        commitOnFocusLoss(spinner);
        return spinner;
    }

    static Spinner<Double> decimal(DoubleProperty value, double min, double max, double step) {
        SpinnerValueFactory.DoubleSpinnerValueFactory f =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, value.get(), step);
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                if (v == null) {
                    return "";
                }
                String s = String.format(Locale.ROOT, "%.2f", v);
                return s.endsWith("0") && s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
            }

            @Override
            public Double fromString(String s) {
                try {
                    double v = Double.parseDouble(s.trim().replace(',', '.'));
                    return Double.isFinite(v) ? Math.max(min, Math.min(max, v)) : f.getValue();
                } catch (NumberFormatException e) {
                    return f.getValue();
                }
            }
        });
        f.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                value.set(b);
            }
        });
        value.addListener((o, a, b) -> f.setValue(b.doubleValue()));
        Spinner<Double> spinner = new Spinner<>(f);
        spinner.setEditable(true);
        spinner.getEditor().setTextFormatter(new TextFormatter<>(digitsOnly(true)));
        commitOnFocusLoss(spinner);
        return spinner;
    }

    /** Refuses any edit that is not a (decimal) number being typed. */
    private static UnaryOperator<TextFormatter.Change> digitsOnly(boolean decimal) {
        String pattern = decimal ? "\\d{0,3}([.,]\\d{0,3})?" : "\\d{0,9}";
        return c -> c.getControlNewText().matches(pattern) ? c : null;
    }

    /** A typed value counts as soon as the field loses focus (not only on Enter). */
    private static <T> void commitOnFocusLoss(Spinner<T> spinner) {
        spinner.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commit(spinner);
            }
        });
    }

    /** Parses, clamps and shows the editor's text as the value. */
    static <T> void commit(Spinner<T> spinner) {
        SpinnerValueFactory<T> f = spinner.getValueFactory();
        T v = f.getConverter().fromString(spinner.getEditor().getText());
        if (v != null) {
            f.setValue(v);
        }
        spinner.getEditor().setText(f.getConverter().toString(f.getValue()));
    }
}
