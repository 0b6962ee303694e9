{{
    select_columns_from(
        'company_yearly_metrics',
        ['company_id', 'company_name', 'release_year', 'movie_count', 'movies_with_financials', 'total_profit',
         to_constant_dollars('total_profit', 'release_year') ~ ' as total_profit_real'],
    )
}}
