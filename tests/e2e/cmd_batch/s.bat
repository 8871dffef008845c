@echo off
set NAME=world
echo hello %NAME%
set /a N=6*7
echo.
echo N=%N%
if "%1"=="x" (echo arg x) else (echo no arg)
for %%f in (*.txt) do echo file %%f
exit /b 5
