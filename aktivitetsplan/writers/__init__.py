"""xlsxwriter workbooks: the plan template, the wheel template, the report workbook."""
