with

source as (

    select * from {{ source('movies', 'movies_metadata') }}

),

{# Records are numbered per file, from its header (record 0). A window over the source
   would hold every wide row in memory (over 20 GB at 100x); this aggregate is one row
   per file and the join streams. #}
file_headers as (

    select
        filename,
        min(ordinality) as header_ordinality
    from source
    group by filename

),

records_numbered as (

    select
        source.*,
        source.ordinality - file_headers.header_ordinality as record_number
    from source
    inner join file_headers
        on source.filename is not distinct from file_headers.filename

),

final as (

    select * from records_numbered
    -- record 0 of each file is its header
    where record_number > 0

)

select * from final
