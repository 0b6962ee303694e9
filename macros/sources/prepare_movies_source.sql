{# Make source('movies', 'movies_metadata') readable before a run (on-run-start): nothing to do on
    DuckDB, where read_csv reads the file through the source's meta.external_location. #}
{% macro prepare_movies_source() -%}
    {{ return(adapter.dispatch('prepare_movies_source', 'movies')()) }}
{%- endmacro %}

{% macro default__prepare_movies_source() -%}
{%- endmacro %}

{#- Spark: one CSV table per path of the var movies_metadata_path (a file, a glob or a
    list of them) and, at the source's name, a view with the columns DuckDB's read_csv
    gives: ordinality, raw_movie_columns() (the 24 fields, extra_field_25..40), filename.

    Spark's CSV reader cannot tell an empty unquoted field from a missing one (both come
    back NULL), but it hands the raw text of every record whose width is not the
    schema's 40 to the corrupt-record column. The view counts a record's fields in that
    text (commas outside quoted fields, plus one) and then gives the first field_count
    columns '' for NULL and the rest NULL, as DuckDB's null_padding reader does. -#}
{% macro spark__prepare_movies_source() -%}
    {%- if execute -%}
        {%- set file_columns = raw_movie_columns() -%}
        {#- Two characters when string literals keep their backslashes, one when not. -#}
        {%- set literal_check_sql -%}
            select length('\\') as backslash_literal_length
        {%- endset -%}
        {%- set literal_check = run_query(literal_check_sql) -%}
        {%- if literal_check.columns[0].values()[0] != 2 -%}
            {{ exceptions.raise_compiler_error(
                "The models' string literals are written as DuckDB reads them (a backslash is a"
                ~ " backslash): set spark.sql.parser.escapedStringLiterals to true in the profile's"
                ~ " server_side_parameters (or the cluster's Spark config); see docs/spark.md."
            ) }}
        {%- endif -%}
        {%- set source_relation = source('movies', 'movies_metadata') -%}
        {%- set paths = movies_metadata_paths() -%}

        {#- Relative paths are relative to the working directory, as for DuckDB (Spark would
            take them relative to the schema's folder). -#}
        {%- set relative_paths = [] -%}
        {%- for path in paths -%}
            {%- set has_scheme = modules.re.match('[A-Za-z][A-Za-z0-9+.-]*:', path) -%}
            {%- if not (path.startswith('/') or has_scheme) -%}
                {%- do relative_paths.append(path) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set working_directory = '.' -%}
        {%- if relative_paths -%}
            {%- set working_directory = run_query(
                "select reflect('java.lang.System', 'getProperty', 'user.dir')"
            ).columns[0].values()[0] -%}
        {%- endif -%}

        {%- do run_query('create schema if not exists ' ~ source_relation.schema) -%}
        {%- set reads = [] -%}
        {%- for path in paths -%}
            {%- set csv_relation = source_relation.incorporate(
                path={'identifier': source_relation.identifier ~ '__csv_' ~ loop.index}
            ) -%}
            {%- if "'" in path -%}
                {{ exceptions.raise_compiler_error(
                    "movies_metadata_path may not contain a single quote on Spark: " ~ path
                ) }}
            {%- endif -%}
            {%- set path_literal = "'" ~ path ~ "'" -%}
            {%- set location = (working_directory ~ '/' ~ path) if path in relative_paths
                else path -%}
            {#- An external table: dropping it leaves the file alone. -#}
            {%- do run_query('drop table if exists ' ~ csv_relation) -%}
            {%- do run_query(
                'create table ' ~ csv_relation ~ ' ('
                ~ (file_columns | join(' string, ')) ~ ' string, raw_record string)'
                ~ " using csv options ("
                ~ "header 'false', multiLine 'true', mode 'PERMISSIVE', encoding 'UTF-8',"
                ~ " quote '\"', escape '\"', columnNameOfCorruptRecord 'raw_record'"
                ~ ") location '" ~ location ~ "'"
            ) -%}
            {%- set has_glob = modules.re.search('[*?{[]', path) is not none -%}
            {%- do reads.append(
                'select *, monotonically_increasing_id() as read_position, '
                ~ ('_metadata.file_path' if has_glob else path_literal) ~ ' as filename'
                ~ ' from ' ~ csv_relation
            ) -%}
        {%- endfor -%}

        {%- call statement('create_movies_source_view') -%}
            create or replace view {{ source_relation }} as
            with

            records_read as (

                {{ reads | join('\n                union all\n                ') }}

            ),

            records_measured as (

                select
                    *,
                    case
                        when raw_record is null then {{ file_columns | length }}
                        else length(unquoted_record) - length(replace(unquoted_record, ',', '')) + 1
                    end as field_count
                from (
                    select
                        *,
                        regexp_replace(
                            raw_record, '(?:^|(?<=,))"(?:[^"]++|"")*+"', ''
                        ) as unquoted_record
                    from records_read
                )

            )

            select
                cast(row_number() over (order by filename, read_position) as bigint) as ordinality,
                {%- for column in file_columns %}
                case
                    when field_count >= {{ loop.index }} then coalesce({{ column }}, '')
                end as {{ column }},
                {%- endfor %}
                filename
            from records_measured
        {%- endcall -%}

        {#- Spark reads a path that matches no file as an empty table; DuckDB fails. -#}
        {%- set record_count = run_query(
            'select count(*) from ' ~ source_relation
        ).columns[0].values()[0] -%}
        {%- if record_count == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Read no records from movies_metadata_path " ~ paths | join(', ')
                ~ (" (relative to " ~ working_directory ~ ")" if relative_paths else "")
                ~ ": no such file, or an empty one."
            ) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
