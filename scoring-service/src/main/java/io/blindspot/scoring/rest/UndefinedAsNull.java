package io.blindspot.scoring.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Every JSON answer of the service writes an undefined number (NaN, ±infinity: AUROC of a slice without lesion,
 * the mean of a cell without any defined value) as {@code null}. Jackson would write the string {@code "NaN"}
 * (or, with quoting off, the token {@code NaN}, which is not JSON); a client then sees a string where it reads
 * numbers. One customizer, so no view can forget it: {@code double}, {@code Double}, {@code float},
 * {@code Float} and {@code double[]} (curves, grids) alike.
 */
@Singleton
public class UndefinedAsNull implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
    }

    /** The module on its own (for tests and any mapper outside CDI). */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("undefined-as-null");
        JsonSerializer<Double> doubles = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                number(value, gen);
            }
        };
        JsonSerializer<Float> floats = new JsonSerializer<>() {
            @Override
            public void serialize(Float value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                if (Float.isFinite(value)) {
                    gen.writeNumber(value);
                } else {
                    gen.writeNull();
                }
            }
        };
        module.addSerializer(Double.class, doubles);
        module.addSerializer(Double.TYPE, doubles);
        module.addSerializer(Float.class, floats);
        module.addSerializer(Float.TYPE, floats);
        module.addSerializer(double[].class, new JsonSerializer<>() {
            @Override
            public void serialize(double[] values, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeStartArray(values, values.length);
                for (double v : values) {
                    number(v, gen);
                }
                gen.writeEndArray();
            }
        });
        return module;
    }

    private static void number(double value, JsonGenerator gen) throws IOException {
        if (Double.isFinite(value)) {
            gen.writeNumber(value);
        } else {
            gen.writeNull();
        }
    }
}
