{#- A raw text, trimmed, when it is one of `values` (a closed list, compared exactly);
    NULL otherwise. In: ' Released ' with ['Released', 'Rumored'] -> 'Released';
    'released' or 'Relaunched' -> NULL. -#}
{% macro closed_list_value(raw_text, values) -%}
    case
        when trim({{ raw_text }}) in (
            {%- for value in values -%}
                '{{ value }}'{{ ', ' if not loop.last }}
            {%- endfor -%}
        ) then trim({{ raw_text }})
    end
{%- endmacro %}
