{# Every balanced {...} dict literal inside a text, quotes respected: the repair path for a list cell that is not a valid literal as a whole. #}
{% macro python_dict_literals_in(text) -%}
    {{ return(adapter.dispatch('python_dict_literals_in', 'movies')(text)) }}
{%- endmacro %}

{% macro duckdb__python_dict_literals_in(text) -%}
    regexp_extract_all(
        {{ text }},
        '\{(?:[^{}''"]|''(?:[^''\\]|(?s:\\.))*''|"(?:[^"\\]|(?s:\\.))*")*\}'
    )
{%- endmacro %}

{% macro spark__python_dict_literals_in(text) -%}
    regexp_extract_all(
        {{ text }},
        '\{(?:[^{}\x27"]++|\x27(?:[^\x27\\]++|(?s:\\.))*+\x27|"(?:[^"\\]++|(?s:\\.))*+")*+\}',
        0
    )
{%- endmacro %}
