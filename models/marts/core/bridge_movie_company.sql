{{ movie_bridge('production_companies', 'company_id', 'company_name', 'bigint') }}
