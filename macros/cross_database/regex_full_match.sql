{# True when a regular expression matches the whole text (not just part of it); NULL when the text is NULL. #}
{% macro regex_full_match(text, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match', 'movies')(text, pattern)) }}
{%- endmacro %}

{% macro duckdb__regex_full_match(text, pattern) -%}
    regexp_full_match({{ text }}, {{ pattern }})
{%- endmacro %}

{# Spark: rlike finds a match anywhere, so anchor it with \A and \z (Java's $ would also
   match before a final line break). #}
{% macro spark__regex_full_match(text, pattern) -%}
    ({{ text }} rlike concat('\A(?:', {{ pattern }}, ')\z'))
{%- endmacro %}
