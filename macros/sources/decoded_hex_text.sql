{# Text given as the hex digits of its UTF-8 bytes, as a SQL expression: nothing in it can be read
    as SQL, YAML or Jinja on the way. #}
{% macro decoded_hex_text(hex_digits) -%}
    {{ return(adapter.dispatch('decoded_hex_text', 'movies')(hex_digits)) }}
{%- endmacro %}

{% macro default__decoded_hex_text(hex_digits) -%}
    decode(unhex('{{ hex_digits | replace("'", "") }}'))
{%- endmacro %}

{% macro spark__decoded_hex_text(hex_digits) -%}
    decode(unhex('{{ hex_digits | replace("'", "") }}'), 'UTF-8')
{%- endmacro %}
