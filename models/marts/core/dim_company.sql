{{ entity_dimension('production_companies', 'company_id', 'company_name', 'bigint') }}
