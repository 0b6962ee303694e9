{# Pre-hook of the per-movie models: in an hourly run, delete every row of the movies the run
    touched, before delete+insert adds their new rows. #}
{% macro delete_touched_movies() -%}
    {%- if is_incremental() -%}
        {#- delete+insert alone deletes only the movies its batch has rows for: a movie with
            no accepted version left, or whose new version has no rows here (no company, no
            field issue), would keep its old rows. -#}
        delete from {{ this }}
        where movie_id in (select movie_id from {{ ref('int_movie_versions_touched') }})
    {%- endif -%}
{%- endmacro %}
