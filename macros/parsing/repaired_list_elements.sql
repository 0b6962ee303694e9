{# The repair path for a list cell that is not a valid literal as a whole: every balanced {...}
    dict literal inside it (quotes respected) that parses, in order, as JSON values. #}
{#- Grammar of what is found: dict := '{' (any but braces and quotes | quoted string)* '}',
    a string being '...' or "..." with backslash escapes; text between dicts is skipped.
    In: [{'id': 35, 'name': 'Comedy'} GATORADE    Out: [{"id": 35, "name": "Comedy"}] -#}
{#- Movie 10663's genres cell `[{'id': 35, 'name': 'Comedy'} GATORADE` keeps its one dict. -#}
{% macro repaired_list_elements(cell) -%}
    {{ return(adapter.dispatch('repaired_list_elements', 'movies')(cell)) }}
{%- endmacro %}

{% macro duckdb__repaired_list_elements(cell) -%}
    list_transform(
        list_filter(
            list_transform(
                regexp_extract_all(
                    {{ cell }},
                    '\{(?:[^{}''"]|''(?:[^''\\]|(?s:\\.))*''|"(?:[^"\\]|(?s:\\.))*")*\}'
                ),
                lambda dict_literal: {{ python_literal_to_json('dict_literal') }}
            ),
            lambda dict_json: json_valid(dict_json)
        ),
        lambda dict_json: json(dict_json)
    )
{%- endmacro %}

{# Spark: the same regular expression in Java syntax (possessive quantifiers keep long
   cells off the regex stack; \x27 is the single quote); a JSON value is its minified
   text, keys in their original order (from_json of a one-element array). #}
{% macro spark__repaired_list_elements(cell) -%}
    transform(
        filter(
            transform(
                regexp_extract_all(
                    {{ cell }},
                    (
                        '\{(?:[^{}\x27"]++|\x27(?:[^\x27\\]++|(?s:\\.))*+\x27|"(?:[^"\\]++|'
                        || '(?s:\\.))*+")*+\}'
                    ),
                    0
                ),
                dict_literal -> {{ python_literal_to_json('dict_literal') }}
            ),
            dict_json -> try_parse_json(dict_json) is not null
        ),
        dict_json -> try_element_at(from_json(concat('[', dict_json, ']'), 'array<string>'), 1)
    )
{%- endmacro %}
