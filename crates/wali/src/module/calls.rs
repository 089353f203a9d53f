//! The body rewrite: `memory.grow`, `memory.atomic.notify` and
//! `memory.atomic.wait32/64` become calls to engine imports in `__wali`
//! (defined in `intrinsics.rs`), because these instructions take locks
//! inside Wasmtime that the engine must be able to guard.
//!
//! Each call keeps the instruction's operands and result; an instruction
//! with a memory argument gets its offset pushed as one more `i32` operand.
//! The imports come after the module's own function imports, so every
//! index of a defined function moves up by the number of imports added.

use wasm_encoder::reencode::{Error, Reencode};
use wasm_encoder::{CodeSection, Instruction, ValType};
use wasmparser::{CodeSectionReader, FunctionBody, Operator};

/// An engine import that stands for an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intrinsic {
    /// `(delta: i32) -> i32`, as `memory.grow`.
    MemoryGrow,
    /// `(addr: i32, count: i32, offset: i32) -> i32`.
    AtomicNotify,
    /// `(addr: i32, expected: i32, timeout_ns: i64, offset: i32) -> i32`.
    AtomicWait32,
    /// `(addr: i32, expected: i64, timeout_ns: i64, offset: i32) -> i32`.
    AtomicWait64,
}

impl Intrinsic {
    /// Every intrinsic, in the order the rewrite adds their imports.
    pub const ALL: [Intrinsic; 4] =
        [Intrinsic::MemoryGrow, Intrinsic::AtomicNotify, Intrinsic::AtomicWait32, Intrinsic::AtomicWait64];

    /// The import's name in module `__wali`.
    pub fn name(self) -> &'static str {
        match self {
            Intrinsic::MemoryGrow => "memory_grow",
            Intrinsic::AtomicNotify => "atomic_notify",
            Intrinsic::AtomicWait32 => "atomic_wait32",
            Intrinsic::AtomicWait64 => "atomic_wait64",
        }
    }

    /// Parameters and results of the import.
    pub fn signature(self) -> (&'static [ValType], &'static [ValType]) {
        use ValType::{I32, I64};
        let params: &[ValType] = match self {
            Intrinsic::MemoryGrow => &[I32],
            Intrinsic::AtomicNotify => &[I32, I32, I32],
            Intrinsic::AtomicWait32 => &[I32, I32, I64, I32],
            Intrinsic::AtomicWait64 => &[I32, I64, I64, I32],
        };
        (params, &[I32])
    }

    /// The import an instruction becomes, with the offset to push (`None`:
    /// no memory argument). Instructions on another memory, or with an
    /// alignment or offset the instruction does not allow, stay as they are,
    /// so that validation still rejects them.
    fn of(op: &Operator) -> Option<(Intrinsic, Option<i32>)> {
        let (intrinsic, memarg) = match op {
            Operator::MemoryGrow { mem: 0 } => return Some((Intrinsic::MemoryGrow, None)),
            Operator::MemoryAtomicNotify { memarg } => (Intrinsic::AtomicNotify, memarg),
            Operator::MemoryAtomicWait32 { memarg } => (Intrinsic::AtomicWait32, memarg),
            Operator::MemoryAtomicWait64 { memarg } => (Intrinsic::AtomicWait64, memarg),
            _ => return None,
        };
        let offset = u32::try_from(memarg.offset).ok()?;
        (memarg.memory == 0 && memarg.align == memarg.max_align).then_some((intrinsic, Some(offset as i32)))
    }
}

/// The intrinsics the function bodies use, in `Intrinsic::ALL`'s order.
pub fn used(code: CodeSectionReader) -> wasmtime::Result<Vec<Intrinsic>> {
    let mut used = [false; Intrinsic::ALL.len()];
    for body in code {
        let mut ops = body?.get_operators_reader()?;
        while !ops.eof() {
            if let Some((i, _)) = Intrinsic::of(&ops.read()?) {
                used[i as usize] = true;
            }
        }
    }
    Ok(Intrinsic::ALL.into_iter().filter(|i| used[*i as usize]).collect())
}

/// Re-encodes sections with function indices moved past the added imports,
/// and function bodies with the instructions replaced by calls.
pub struct Calls {
    /// How many functions the module imports: indices below stay.
    pub imported_funcs: u32,
    /// The function index of each added import, by `Intrinsic`.
    pub index: [Option<u32>; Intrinsic::ALL.len()],
    /// How many imports were added.
    pub added: u32,
}

impl Reencode for Calls {
    type Error = std::convert::Infallible;

    fn function_index(&mut self, func: u32) -> Result<u32, Error> {
        if func < self.imported_funcs {
            return Ok(func);
        }
        // Past u32::MAX is an invalid index anyway: keep it invalid.
        Ok(func.saturating_add(self.added))
    }

    fn parse_function_body(&mut self, code: &mut CodeSection, func: FunctionBody<'_>) -> Result<(), Error> {
        let mut f = self.new_function_with_parsed_locals(&func)?;
        let mut ops = func.get_operators_reader()?;
        while !ops.eof() {
            let op = ops.read()?;
            match Intrinsic::of(&op).and_then(|(i, offset)| Some((self.index[i as usize]?, offset))) {
                Some((index, offset)) => {
                    if let Some(offset) = offset {
                        f.instruction(&Instruction::I32Const(offset));
                    }
                    f.instruction(&Instruction::Call(index));
                }
                None => {
                    f.instruction(&self.instruction(op)?);
                }
            }
        }
        code.function(&f);
        Ok(())
    }
}
