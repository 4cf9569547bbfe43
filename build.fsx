// CommunityCluster's build script: `dotnet fsi build.fsx <target>`.
// A plain F# script with no package references, so it runs on a fresh machine with only the SDK
// (FAKE 6 does not restore here; see DESIGN.md fact 12).
//
//   build      compile the solution (Release)
//   format     check formatting and style (dotnet format --verify-no-changes)
//   test       prerequisites, build, then every test project one at a time; prints "N passed, N failed"
//   publish    node and lighthouse for linux-x64 and linux-arm64, framework-dependent and self-contained
//   docker     both container images, where a Docker engine is present (says so where it is not)
//   community  a lighthouse and three nodes on this machine; Ctrl-C stops them gracefully
//   help       this list

open System
open System.Diagnostics
open System.IO
open System.Text.RegularExpressions
open System.Xml.Linq

let root = __SOURCE_DIRECTORY__
let configuration = Environment.GetEnvironmentVariable "CONFIGURATION" |> Option.ofObj |> Option.defaultValue "Release"

let run (program: string) (args: string list) =
    printfn "> %s %s" program (String.concat " " args)
    let start = ProcessStartInfo(program, args, WorkingDirectory = root, UseShellExecute = false)
    use proc = Process.Start start
    proc.WaitForExit()
    proc.ExitCode

let runOrFail program args =
    let code = run program args
    if code <> 0 then failwithf "%s %s failed with exit code %d" program (String.concat " " args) code

/// Runs quietly and returns the exit code with stdout and stderr together; a program that is
/// not installed answers 127, as a shell would.
let capture (program: string) (args: string list) =
    let start = ProcessStartInfo(program, args, WorkingDirectory = root, UseShellExecute = false,
                                 RedirectStandardOutput = true, RedirectStandardError = true)
    try
        use proc = Process.Start start
        let stdout = proc.StandardOutput.ReadToEndAsync()
        let stderr = proc.StandardError.ReadToEndAsync()
        proc.WaitForExit()
        proc.ExitCode, stdout.Result + stderr.Result
    with :? ComponentModel.Win32Exception as e -> 127, e.Message

let firstLine (text: string) =
    text.Split('\n', StringSplitOptions.RemoveEmptyEntries ||| StringSplitOptions.TrimEntries) |> Array.tryHead |> Option.defaultValue ""

let version =
    let props = XDocument.Load(Path.Combine(root, "Directory.Build.props"))
    props.Descendants() |> Seq.find (fun e -> e.Name.LocalName = "Version") |> fun e -> e.Value

let build () = runOrFail "dotnet" [ "build"; "CommunityCluster.sln"; "-c"; configuration; "-nologo"; "-v"; "minimal" ]

let format () = runOrFail "dotnet" [ "format"; "CommunityCluster.sln"; "--verify-no-changes"; "-v"; "minimal" ]

/// What the tests need from the machine. Installed only when missing, and only as root (CI).
/// libvips42 is the thumbnail renderer's native library (Debian's build decodes HEIC; README
/// "Thumbnails"); libvips-tools gives vipsthumbnail, the benchmark's baseline; chromium is the
/// browser of the gallery's tests (WebUI.Tests), wrk the load generator of its benchmark.
let prerequisites () =
    let hasLibvips () = run "sh" [ "-c"; "ldconfig -p | grep -q 'libvips.so.42 '" ] = 0
    let missing =
        [ "ip", "iproute2"; "tc", "iproute2"; "vipsthumbnail", "libvips-tools"; "chromium", "chromium"; "wrk", "wrk" ]
        |> List.filter (fun (command, _) -> run "sh" [ "-c"; sprintf "command -v %s >/dev/null" command ] <> 0)
        |> List.map snd
        |> fun packages -> if hasLibvips () then packages else "libvips42" :: packages
        |> List.distinct
    match missing with
    | [] -> ()
    | packages when Environment.UserName = "root" ->
        runOrFail "apt-get" [ "update"; "-qq" ]
        runOrFail "apt-get" ([ "install"; "-y"; "-qq"; "--no-install-recommends" ] @ packages)
    | packages -> printfn "note: not root, so not installing %s; tests that need them say so" (String.concat ", " packages)

/// Light projects first, the multi-process ones last; one project at a time, since the heavy
/// tests start real clusters and the machines have two cores.
let testProjects =
    [ "CommunityCluster.Core.Tests"
      "CommunityCluster.Metadata.Tests"
      "CommunityCluster.DurableStore.Tests"
      "CommunityCluster.Discovery.Tests"
      "CommunityCluster.Hosting.Tests"
      "CommunityCluster.Photos.Tests"
      "CommunityCluster.Meta.Tests"
      "CommunityCluster.Thumbs.Rendering.Tests"
      "CommunityCluster.Thumbs.Tests"
      "CommunityCluster.Containers.Tests"
      "CommunityCluster.Ccm.Tests"
      "CommunityCluster.WebUI.Tests"
      "CommunityCluster.Node.Tests"
      // The fault-injection soak: two minutes of faults (CC_SOAK_MINUTES, seed CC_SOAK_SEED).
      "CommunityCluster.Soak.Tests" ]

type Counts = { Passed: int; Failed: int; Skipped: int }

let countsOf (trx: string) =
    let doc = XDocument.Load trx
    let counters = doc.Descendants() |> Seq.find (fun e -> e.Name.LocalName = "Counters")
    let value name = counters.Attribute(XName.Get name) |> Option.ofObj |> Option.map (fun a -> int a.Value) |> Option.defaultValue 0
    { Passed = value "passed"; Failed = value "failed" + value "error" + value "timeout" + value "aborted"
      Skipped = value "notExecuted" }

let test () =
    prerequisites ()
    build ()
    let results = Path.Combine(root, "artifacts", "test-results")
    if Directory.Exists results then Directory.Delete(results, true)
    let outcomes =
        [ for project in testProjects do
            let trx = Path.Combine(results, project + ".trx")
            let code =
                run "dotnet" [ "test"; Path.Combine("tests", project); "-c"; configuration; "--no-build"; "-nologo"
                               "--logger"; sprintf "trx;LogFileName=%s" trx; "--logger"; "console;verbosity=normal"
                               "--results-directory"; results ]
            let counts = if File.Exists trx then countsOf trx else { Passed = 0; Failed = 1; Skipped = 0 }
            printfn "%s: %d passed, %d failed, %d skipped (exit %d)" project counts.Passed counts.Failed counts.Skipped code
            yield project, code, counts ]
    let total = outcomes |> List.fold (fun acc (_, _, c) -> { Passed = acc.Passed + c.Passed; Failed = acc.Failed + c.Failed; Skipped = acc.Skipped + c.Skipped }) { Passed = 0; Failed = 0; Skipped = 0 }
    let broken = outcomes |> List.filter (fun (_, code, c) -> code <> 0 || c.Failed > 0) |> List.map (fun (p, _, _) -> p)
    printfn ""
    if not broken.IsEmpty then printfn "failing projects: %s" (String.concat ", " broken)
    printfn "%d passed, %d failed, %d skipped" total.Passed total.Failed total.Skipped
    if not broken.IsEmpty || total.Passed = 0 then exit 1

/// The two programs that ship, by the name of their image.
let programs =
    [ "node", "src/CommunityCluster.Node/CommunityCluster.Node.csproj"
      "lighthouse", "lighthouse/CommunityCluster.Lighthouse.csproj" ]

/// Framework-dependent (needs the ASP.NET Core runtime on the device) and self-contained (needs
/// nothing) for a PC, NAS or mini-PC (linux-x64) and a Raspberry Pi 3/4/5 on a 64-bit OS
/// (linux-arm64). Each runtime is restored first, so that one the package source cannot serve is
/// named as such instead of failing somewhere inside publish.
let publish () =
    // PUBLISH_RIDS=linux-arm (a 32-bit Raspberry Pi OS), for example, publishes for other runtimes.
    let rids =
        Environment.GetEnvironmentVariable "PUBLISH_RIDS" |> Option.ofObj |> Option.defaultValue "linux-x64,linux-arm64"
        |> fun text -> text.Split(',', StringSplitOptions.RemoveEmptyEntries ||| StringSplitOptions.TrimEntries) |> List.ofArray
    let output = Path.Combine(root, "artifacts", "publish")
    let outcomes =
        [ for rid in rids do
            for selfContained in [ false; true ] do
                for name, project in programs do
                    let kind = if selfContained then "self-contained" else "framework-dependent"
                    let folder = Path.Combine(output, name, sprintf "%s-%s" rid kind)
                    let sc = if selfContained then "true" else "false"
                    printfn "> dotnet restore %s -r %s (%s)" project rid kind
                    let restoreCode, restoreOutput = capture "dotnet" [ "restore"; project; "-r"; rid; sprintf "-p:SelfContained=%s" sc ]
                    if restoreCode <> 0 then
                        // "<project> : error NU1101: Unable to find package X ... [<project>]" -> "error NU1101: ..."
                        let reasons =
                            restoreOutput.Split('\n')
                            |> Array.filter (fun l -> l.Contains "error ")
                            |> Array.map (fun l -> l.Substring(l.IndexOf "error ").Split(" [").[0].Trim())
                            |> Array.distinct
                        let why = if reasons.Length = 0 then firstLine restoreOutput else String.concat "\n    " reasons
                        yield sprintf "%s %s %s" name rid kind, Error (sprintf "cannot restore for %s (%s) from the package source here:\n    %s" rid kind why)
                    else
                        let code =
                            run "dotnet" [ "publish"; project; "-c"; configuration; "-r"; rid; "--self-contained"; sc; "--no-restore"
                                           "-nologo"; "-v"; "minimal"; "-o"; folder ]
                        yield sprintf "%s %s %s" name rid kind, (if code = 0 then Ok folder else Error (sprintf "dotnet publish failed with exit code %d" code)) ]
    printfn ""
    for what, outcome in outcomes do
        match outcome with
        | Ok folder ->
            let bytes = DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories) |> Seq.sumBy (fun f -> f.Length)
            printfn "ok      %-45s %4d MB  %s" what (bytes / 1_000_000L) (Path.GetRelativePath(root, folder))
        | Error why -> printfn "FAILED  %-45s %s" what why
    let failed = outcomes |> List.filter (snd >> Result.isError) |> List.length
    printfn "%d of %d published" (outcomes.Length - failed) outcomes.Length
    if failed > 0 then exit 1

/// Both images, when a Docker engine answers; otherwise one clear line and exit code 1, since no
/// image was built (development machines have the docker client only, DESIGN.md fact 8).
let docker () =
    let dockerfiles = [ for name, _ in programs -> name, sprintf "docker/%s.Dockerfile" name ]
    let engineCode, engineOutput = capture "docker" [ "info"; "--format"; "{{.ServerVersion}}" ]
    if engineCode <> 0 then
        printfn "docker: no Docker engine here (docker info: %s)" (firstLine engineOutput)
        printfn "docker: the images were NOT built. On a machine with Docker, this target runs:"
        for name, dockerfile in dockerfiles do
            printfn "    docker build -f %s -t communitycluster/%s:%s ." dockerfile name version
        printfn "  and, with buildx, checks both architectures:"
        printfn "    docker buildx build --platform linux/amd64,linux/arm64 -f docker/node.Dockerfile ."
        exit 1
    printfn "docker: engine %s" (firstLine engineOutput)
    for name, dockerfile in dockerfiles do
        runOrFail "docker" [ "build"; "-f"; dockerfile; "-t"; sprintf "communitycluster/%s:%s" name version
                             "-t"; sprintf "communitycluster/%s:latest" name; "." ]
    // Both architectures from one builder: the SDK stage runs on the builder's platform and the
    // runtime stage runs no command, so no emulation is needed. The result stays in the build
    // cache; push a multi-architecture image with --push and a registry tag (README).
    let platforms = Environment.GetEnvironmentVariable "PLATFORMS" |> Option.ofObj |> Option.defaultValue "linux/amd64,linux/arm64"
    match capture "docker" [ "buildx"; "version" ] with
    | 0, _ ->
        for _, dockerfile in dockerfiles do
            if run "docker" [ "buildx"; "build"; "--platform"; platforms; "-f"; dockerfile; "." ] <> 0 then
                printfn "docker: the %s build failed; the default builder may not build several platforms:" platforms
                printfn "        docker buildx create --use   (then run this target again)"
                exit 1
    | _, why -> printfn "docker: buildx is not installed (%s); built for this machine's platform only" (firstLine why)
    printfn "docker: built communitycluster/node:%s and communitycluster/lighthouse:%s" version version

/// A lighthouse and three homes as local processes, as in the README; Ctrl-C stops them in order.
/// Each runs in a session of its own (setsid), so that the terminal's Ctrl-C reaches this script
/// only, and the homes leave before the lighthouse rather than all at once. Their output goes to
/// log files, so the gallery addresses stay on screen.
let community () =
    build ()
    let bin project name = Path.Combine(root, project, "bin", configuration, "net10.0", name + ".dll")
    let dataRoot = Path.Combine(root, "artifacts", "community")
    Directory.CreateDirectory dataRoot |> ignore
    let start name dll (env: (string * string) list) =
        let log = Path.Combine(dataRoot, name + ".log")
        let info = ProcessStartInfo("setsid", [ "dotnet"; dll ], WorkingDirectory = root, UseShellExecute = false,
                                    RedirectStandardOutput = true, RedirectStandardError = true)
        for key, value in env do info.Environment[key] <- value
        let proc = Process.Start info
        let writer = new StreamWriter(log, false, AutoFlush = true)
        proc.OutputDataReceived.Add(fun e -> if not (isNull e.Data) then lock writer (fun () -> writer.WriteLine e.Data))
        proc.ErrorDataReceived.Add(fun e -> if not (isNull e.Data) then lock writer (fun () -> writer.WriteLine e.Data))
        proc.BeginOutputReadLine()
        proc.BeginErrorReadLine()
        printfn "started %-10s pid %-7d log %s" name proc.Id (Path.GetRelativePath(root, log))
        name, proc
    let lighthouse = start "lighthouse" (bin "lighthouse" "CommunityCluster.Lighthouse") [ ("CLUSTER_PORT", "4053") ]
    let homes =
        [ for i in 1..3 ->
            start (sprintf "home-%d" i) (bin "src/CommunityCluster.Node" "CommunityCluster.Node")
                [ "CLUSTER_SEEDS", "akka.tcp://community@127.0.0.1:4053"
                  "CLUSTER_PORT", string (4054 + i)
                  "HTTP_PORT", string (8080 + i)
                  "CMD_PORT", string (9110 + i)
                  "HOME_ID", sprintf "home-%d" i
                  "DATA_DIR", Path.Combine(dataRoot, sprintf "home-%d" i) ] ]
    printfn ""
    for i in 1..3 do printfn "home-%d gallery: http://127.0.0.1:%d/   (members: /api/cluster/members)" i (8080 + i)
    printfn "ccm: dotnet src/CommunityCluster.Ccm/bin/%s/net10.0/CommunityCluster.Ccm.dll 127.0.0.1:9111 cluster show" configuration
    printfn "     (the lighthouse answers ccm on 127.0.0.1:9110, the homes on 9111 to 9113)"
    printfn "Ctrl-C stops the community: each home leaves gracefully, then the lighthouse."
    let stopped = new System.Threading.ManualResetEventSlim()
    let stopOn signal =
        Runtime.InteropServices.PosixSignalRegistration.Create(signal, fun context -> context.Cancel <- true; stopped.Set())
    use _interrupt = stopOn Runtime.InteropServices.PosixSignal.SIGINT
    use _terminate = stopOn Runtime.InteropServices.PosixSignal.SIGTERM
    use _hangUp = stopOn Runtime.InteropServices.PosixSignal.SIGHUP
    stopped.Wait()
    let stop (group: (string * Process) list) =
        for _, proc in group do
            if not proc.HasExited then run "kill" [ "-TERM"; string proc.Id ] |> ignore
        for name, proc in group do
            if not (proc.WaitForExit 30000) then
                printfn "%s did not exit within 30 s of SIGTERM; killing it" name
                proc.Kill()
                proc.WaitForExit()
            printfn "%s (pid %d) exited with %d" name proc.Id proc.ExitCode
    stop homes
    stop [ lighthouse ]

let targets =
    [ "build", build; "format", format; "test", test; "publish", publish; "docker", docker; "community", community ]

match fsi.CommandLineArgs |> Array.toList |> List.tail with
| [ "help" ] -> printfn "targets: %s" (targets |> List.map fst |> String.concat ", ")
| [ name ] when targets |> List.exists (fun (t, _) -> t = name) -> (targets |> List.find (fun (t, _) -> t = name) |> snd) ()
| _ ->
    printfn "usage: dotnet fsi build.fsx <target>\ntargets: %s" (targets |> List.map fst |> String.concat ", ")
    exit 2
