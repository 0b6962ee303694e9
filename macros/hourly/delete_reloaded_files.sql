{# Pre-hook of the record-level models: in an hourly run on DuckDB, delete every row of the files
    this run reads, before delete+insert adds their records again. #}
{% macro delete_reloaded_files() -%}
    {%- if is_incremental() and target.type == 'duckdb' -%}
        {#- delete+insert on the record key alone replaces only the records its batch has
            rows for: a reloaded file one record shorter, or a record whose list cells are
            all empty now, would keep its old rows. Staging (built before every model of
            records/) names the files read; looked up without ref(), which would make the
            list-cell models' unit tests need a staging fixture. -#}
        {%- set staged_records = existing_model_relation('stg_movies__movies_metadata') -%}
        delete from {{ this }}
        where source_file in (select distinct source_file from {{ staged_records }})
    {%- endif -%}
{%- endmacro %}
