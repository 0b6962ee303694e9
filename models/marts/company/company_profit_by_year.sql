with

company_yearly_metrics as (

    select * from {{ ref('company_yearly_metrics') }}

),

final as (

    select
        company_id,
        company_name,
        release_year,
        movie_count,
        movies_with_financials,
        total_profit,
        total_profit_real
    from company_yearly_metrics

)

select * from final
