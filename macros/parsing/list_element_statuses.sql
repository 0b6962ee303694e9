{# The checked elements of a list cell (list_element_checks) with their status: `malformed` when
    not well formed; `repeated` when a well-formed element before it has the same key (with
    is_single_valued, any well-formed element before it: a movie belongs to one collection); `kept`
    otherwise. Found by the first position of the key in the list, not by a window over every
    element. The JSON text is kept only for an element set aside (malformed or repeated). #}
{% macro list_element_statuses(checks, is_single_valued) -%}
    {{ return(adapter.dispatch('list_element_statuses', 'movies')(checks, is_single_valued)) }}
{%- endmacro %}

{# The status is computed once per element (the inner transform), then the JSON text of a
   kept element is dropped (the outer one). #}
{% macro duckdb__list_element_statuses(checks, is_single_valued) -%}
    {%- set element = checks ~ '[element_position]' -%}
    list_transform(
        list_transform(
            generate_series(1, len({{ checks }})),
            lambda element_position: {
                'checked': {{ element }},
                'element_status': case
                    when not {{ element }}.is_well_formed then 'malformed'
                    when
                        list_position(
                            list_transform(
                                {{ checks }},
                                lambda other: case
                                    when other.is_well_formed
                                        then case
                                            when {{ is_single_valued }} then ''
                                            else other.element_key
                                        end
                                end
                            ),
                            case
                                when {{ is_single_valued }} then ''
                                else {{ element }}.element_key
                            end
                        ) < element_position
                        then 'repeated'
                    else 'kept'
                end
            }
        ),
        lambda flagged: {
            'element_key': flagged.checked.element_key,
            'element_name': flagged.checked.element_name,
            'element_json': case
                when flagged.element_status <> 'kept' then flagged.checked.element_json
            end,
            'element_status': flagged.element_status
        }
    )
{%- endmacro %}

{# Spark: transform's second lambda argument is the 0-based index; array_position is
   1-based (0 when absent). #}
{% macro spark__list_element_statuses(checks, is_single_valued) -%}
    transform(
        transform(
            {{ checks }},
            (list_element, list_index) -> named_struct(
                'checked', list_element,
                'element_status', case
                    when not list_element.is_well_formed then 'malformed'
                    when
                        array_position(
                            transform(
                                {{ checks }},
                                other -> case
                                    when other.is_well_formed
                                        then case
                                            when {{ is_single_valued }} then ''
                                            else other.element_key
                                        end
                                end
                            ),
                            case
                                when {{ is_single_valued }} then ''
                                else list_element.element_key
                            end
                        ) < list_index + 1
                        then 'repeated'
                    else 'kept'
                end
            )
        ),
        flagged -> named_struct(
            'element_key', flagged.checked.element_key,
            'element_name', flagged.checked.element_name,
            'element_json', case
                when flagged.element_status <> 'kept' then flagged.checked.element_json
            end,
            'element_status', flagged.element_status
        )
    )
{%- endmacro %}
