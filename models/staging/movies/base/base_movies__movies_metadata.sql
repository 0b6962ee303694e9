{#- Records are numbered per file, from its header (record 0). When the source names one
    file (a single path with no glob character), its header is the first record read and
    one streaming pass numbers them all. Otherwise the source is named twice on purpose: a
    CTE read twice would be materialised whole (every raw field of every record, 3.7 GB of
    text at 100x), while two reads stream: the first keeps two columns, the second joins
    each record to its file's one row. -#}
{%- set paths = movies_metadata_paths() -%}
{%- set reads_one_file = paths | length == 1
    and not modules.re.search('[*?\\[\\]{}]', paths[0]) -%}

with

{% if not reads_one_file -%}
    {# A window over the source would hold every wide row in memory; this aggregate is
       one row per file. #}
    file_headers as (

        select
            filename,
            min(ordinality) as header_ordinality
        from {{ source('movies', 'movies_metadata') }}
        group by filename

    ),
{%- endif %}

records_numbered as (

    select
        raw_records.*,
        {% if reads_one_file -%}
            raw_records.ordinality - 1 as record_number
        {%- else -%}
            raw_records.ordinality - file_headers.header_ordinality as record_number
        {%- endif %}
    from {{ source('movies', 'movies_metadata') }} as raw_records
    {%- if not reads_one_file %}
        inner join file_headers
            on raw_records.filename is not distinct from file_headers.filename
    {%- endif %}

),

final as (

    select * from records_numbered
    -- record 0 of each file is its header
    where record_number > 0

)

select * from final
