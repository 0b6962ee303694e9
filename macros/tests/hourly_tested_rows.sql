{# The where clause of a generic test's rows: in an hourly run, only the rows the run loaded or the
    rows of the movies it touched, when the test asks for it; nothing in a full build, or when it
    does not. #}
{% macro hourly_tested_rows(hourly_rows_loaded_by_this_run=false, hourly_movies_in=none) -%}
    {%- if var('load_mode', 'full') == 'hourly' -%}
        {%- if hourly_rows_loaded_by_this_run -%}
            where loaded_by_invocation_id = '{{ invocation_id }}'
        {%- elif hourly_movies_in is not none -%}
            where movie_id in (select movie_id from {{ hourly_movies_in }})
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
