/* main's return value is the full 32-bit exit code; the host sees its low 8 bits. */
int main(void)
{
    return 0x12345678;
}
