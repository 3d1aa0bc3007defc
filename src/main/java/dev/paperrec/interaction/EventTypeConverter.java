package dev.paperrec.interaction;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores event types by their wire names, which the table's CHECK constraint lists. */
@Converter
public class EventTypeConverter implements AttributeConverter<EventType, String> {

    @Override
    public String convertToDatabaseColumn(EventType type) {
        return type == null ? null : type.wireName();
    }

    @Override
    public EventType convertToEntityAttribute(String value) {
        return value == null ? null : EventType.parse(value).orElseThrow();
    }
}
