module rtgo

go 1.19
