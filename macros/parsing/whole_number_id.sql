{# A raw id text as bigint when it is a whole number: digits only, whitespace around them allowed;
    NULL otherwise (empty, a sign, a fraction, text, beyond bigint). #}
{% macro whole_number_id(raw_text) -%}
    {{ return(adapter.dispatch('whole_number_id', 'movies')(raw_text)) }}
{%- endmacro %}

{% macro duckdb__whole_number_id(raw_text) -%}
    case
        when regexp_full_match({{ raw_text }}, '\s*[0-9]+\s*')
            then try_cast(trim({{ raw_text }}) as bigint)
    end
{%- endmacro %}

{# Spark: rlike finds a match anywhere, so the digits are anchored with \A and \z (Java's $
   would also match before a final line break). #}
{% macro spark__whole_number_id(raw_text) -%}
    case
        when {{ raw_text }} rlike '\A\s*[0-9]+\s*\z'
            then try_cast(trim({{ raw_text }}) as bigint)
    end
{%- endmacro %}
