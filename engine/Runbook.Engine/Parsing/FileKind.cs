using System.Runtime.InteropServices;

namespace Runbook.Parsing;

/// <summary>
/// What kind of file a path names, without opening it: opening a FIFO blocks until a writer comes, and a device such as
/// /dev/zero never ends, so both must be refused before they are opened. .NET reports neither (FileInfo says
/// "Normal", Length 0), so this asks the kernel with statx(2), whose buffer layout is the same on every Linux
/// architecture (unlike stat's). Elsewhere it answers Unknown and the caller reads as before.
/// </summary>
internal static partial class FileKind
{
    public enum Kind
    {
        Unknown,
        Regular,
        Directory,
        Other,
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;

    // struct statx: stx_mask, stx_blksize (u32), stx_attributes (u64), nlink, uid, gid (u32), then stx_mode (u16).
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000; // S_IFMT
    private const int RegularType = 0x8000; // S_IFREG
    private const int DirectoryType = 0x4000; // S_IFDIR

    public static Kind Of(string path)
    {
        if (!OperatingSystem.IsLinux())
            return Kind.Unknown;
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
                return Kind.Unknown;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return Kind.Unknown; // a libc without statx (glibc before 2.28): read as before
        }

        var type = BitConverter.ToUInt16(buffer[ModeOffset..]) & TypeMask;
        return type switch
        {
            RegularType => Kind.Regular,
            DirectoryType => Kind.Directory,
            _ => Kind.Other,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);
}
